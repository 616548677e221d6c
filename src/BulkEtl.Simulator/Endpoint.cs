namespace BulkEtl.Simulator;

/// <summary>The routes the simulator serves; anything else is <see cref="Unknown"/>.</summary>
internal enum Endpoint
{
    Token,
    List,
    Summary,
    Downloads,
    Unknown,
}
