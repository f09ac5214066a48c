namespace RorNational.ReferenceData;

// Placeholder: the reference data are being written.
internal static class Territory;
