global using NUnit.Framework;
global using Task = System.Threading.Tasks.Task;
