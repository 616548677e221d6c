namespace BulkEtl.Simulator;

/// <summary>
/// One failed row of a simulated job's error-rows file: the customer's values (as in the source file), Zuora's code and
/// message. <see cref="Kind"/> names which of <see cref="FailureFiles.Kinds"/> it is, so a test can state the expected
/// template of each kind itself instead of asking the code under test.
/// </summary>
public sealed record SimulatedErrorRow(int Kind, IReadOnlyList<string> Values, string Code, string Message);
