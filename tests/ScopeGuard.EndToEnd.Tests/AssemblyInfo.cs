// The hooks are POSIX sh scripts and the tests drive git and sh as a user's machine would:
// these tests run where git hooks are shell scripts (Linux, macOS).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
