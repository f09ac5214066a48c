# The .NET runtime settings the host runs with that its runtimeconfig.json cannot carry: the
# runtime reads them from the environment only. Sourced by build/run and build/bench, and by the
# launcher build/release writes beside the host (rornational-host). A value already in the
# environment is kept. Measured in the README ("Runtime settings of the host").
#
# Tiered compilation counts a method's calls, to compile it optimized, only once no new method has
# been compiled for 100 ms. A host that keeps meeting new code under load (a FINESS import walks
# the FHIR model, the projection and the index for minutes) kept most of it unoptimized for that
# long: 0 starts the counting at once.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-0}"
