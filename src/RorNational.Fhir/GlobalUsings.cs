// Hl7.Fhir.Model has its own Task resource; in this project "Task" means the .NET one.
global using Task = System.Threading.Tasks.Task;
