global using NUnit.Framework;
// Hl7.Fhir.Model has its own Task resource; in the tests "Task" means the .NET one.
global using Task = System.Threading.Tasks.Task;

[assembly: Parallelizable(ParallelScope.Fixtures)]
[assembly: LevelOfParallelism(2)]
