using System;

namespace ScopeGuard.Core;

/// <summary>A usage or input error that ScopeGuard reports in words and with exit code 2.</summary>
public sealed class ScopeGuardException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="ScopeGuardException"/> class.</summary>
    public ScopeGuardException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScopeGuardException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public ScopeGuardException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ScopeGuardException"/> class.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="inner">The cause.</param>
    public ScopeGuardException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
