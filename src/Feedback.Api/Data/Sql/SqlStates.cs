namespace Feedback.Api.Data.Sql;

/// <summary>
/// The SQLSTATEs our database guards raise (class "FB", which PostgreSQL leaves to applications). Migrations
/// interpolate these constants into the SQL they ship, and the API maps them to responses; a value never changes,
/// because shipped migrations raise it.
/// </summary>
public static class SqlStates
{
    /// <summary>The sheet's cycle is not open (the API answers 409).</summary>
    public const string CycleNotOpen = "FBC01";

    /// <summary>The score keys are not exactly the cycle's behaviors of the sheet's dimension.</summary>
    public const string ScoreKeys = "FBK01";

    /// <summary>A score is neither null nor an integer in the cycle's scale.</summary>
    public const string ScoreValues = "FBV01";

    /// <summary>A change of a sheet's identity, a wrong revision, a bad comment, or a sheet outside its cycle.</summary>
    public const string SheetIntegrity = "FBS01";
}
