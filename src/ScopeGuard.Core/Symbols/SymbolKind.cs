namespace ScopeGuard.Core.Symbols;

/// <summary>The kind letter of a documentation comment ID.</summary>
public enum SymbolKind
{
    /// <summary><c>N:</c> a namespace.</summary>
    Namespace,

    /// <summary><c>T:</c> a type (class, struct, interface, record, enum, delegate).</summary>
    Type,

    /// <summary><c>M:</c> a method, constructor, operator or finalizer.</summary>
    Method,

    /// <summary><c>P:</c> a property or indexer.</summary>
    Property,

    /// <summary><c>F:</c> a field, constant or enum member.</summary>
    Field,

    /// <summary><c>E:</c> an event.</summary>
    Event,
}
