namespace RorNational.Finess;

// Placeholder namespace anchor; the reader is being written (see issue 3).
internal static class FinessExtract;
