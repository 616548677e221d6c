namespace BulkEtl.Simulator;

/// <summary>An endpoint's answer before encoding: the status and the JSON body.</summary>
internal readonly record struct SimulatorAnswer(int Status, byte[] Body)
{
    /// <summary>Zuora's error shape, with hostile reasons when the faults ask for them.</summary>
    public static SimulatorAnswer Error(int status, int category, string message, FaultOptions faults) =>
        new(status, ZuoraErrors.Body(category, message, faults));
}
