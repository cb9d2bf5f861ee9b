namespace ScopeGuard.Core.Rules;

/// <summary>What a symbol rule lets an agent do.</summary>
public enum SymbolAccess
{
    /// <summary>Anything: add, remove, change signatures and bodies.</summary>
    Edit,

    /// <summary>Implementations only.</summary>
    Body,

    /// <summary>Add members and nested types inside; change or remove nothing that exists.</summary>
    Extend,

    /// <summary>Nothing.</summary>
    ReadOnly,
}
