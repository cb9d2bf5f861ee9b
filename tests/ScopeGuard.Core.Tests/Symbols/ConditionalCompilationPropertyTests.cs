using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScopeGuard.Core.Changes;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Rules;
using ScopeGuard.Core.Symbols;
using ScopeGuard.TestSupport;

namespace ScopeGuard.Core.Tests.Symbols;

/// <summary>
/// Seeded random C# files with random <c>#if</c>/<c>#elif</c>/<c>#else</c> wrapping of types and
/// members: a readonly namespace refuses every added declaration whatever wraps it, and wrapping
/// existing code in <c>#if</c> removes nothing.
/// </summary>
[Collection(SeededPropertyTests.Name)]
public sealed class ConditionalCompilationPropertyTests
{
    private const int Cases = 2000;

    private const string Json = """
        {
          "version": 1,
          "agents": {
            "contracts": {
              "branches": ["agent/contracts"],
              "paths": ["/src/"],
              "symbols": { "readonly": ["N:Contoso.Contracts"] }
            }
          }
        }
        """;

    // Conditions the generated files use; "false" makes a branch no symbols activate.
    private static readonly string[] Conditions = ["DEBUG", "NET", "A", "!A", "A && !B", "A || B", "!(A || B)", "A == B", "NET && DEBUG", "false"];

    // Conditions that wrap existing code in (b): symbols used nowhere else, so always reachable.
    private static readonly string[] Wrappers = ["W1", "!W1", "W1 && !W2", "W1 || W2", "(W1 == W2)"];

    [Fact]
    public void Evaluate_DeclarationAddedUnderRandomIfWrapping_RefusedByReadonlyNamespace()
    {
        var manifest = ManifestLoader.Load(Json, "scopes.json").Manifest!;
        var identity = new AgentIdentity(manifest.FindAgent("contracts"), IdentitySource.Option, "test");
        var evaluator = new ScopeEvaluator(manifest);
        var random = new Random(1105);
        var attributed = 0;
        for (var i = 0; i < Cases; i++)
        {
            var file = FileModel.Generate(random);
            var before = file.Render();
            var (after, id) = file.WithAddition(random);
            var contents = new Contents(before, after);
            var change = new FileChange("src/Contracts.cs", "src/Contracts.cs", ChangeStatus.Modified, EntryKind.File, EntryKind.File, "old", "new");

            var findings = evaluator.Evaluate(identity, "agent/contracts", [change], contents: contents);

            // Refused by the declaration itself, or, when the addition is in a branch no symbols
            // activate, by the finding that says the code cannot be attributed.
            var byDeclaration = findings.Any(f => f.Id == "SG0002" && f.Symbol == id);
            var byInactiveCode = findings.Any(f => f.Id == "SG0002" && f.Symbol is null && f.Message.Contains("no set of preprocessor symbols makes active", StringComparison.Ordinal));
            Assert.True(byDeclaration || byInactiveCode, $"case {i}: adding {id} was not refused\n--- before\n{before}\n--- after\n{after}\n--- findings\n{string.Join("\n", findings.Select(f => f.Id + " " + f.Symbol + " " + f.Message))}");
            attributed += byDeclaration ? 1 : 0;
        }

        // Most additions are reachable: they must be refused as the declaration they are.
        Assert.True(attributed > Cases * 3 / 4, $"only {attributed} of {Cases} additions were attributed to their declaration");
    }

    [Fact]
    public void Compare_ExistingCodeWrappedInRandomIf_NothingRemoved()
    {
        var random = new Random(1118);
        for (var i = 0; i < Cases; i++)
        {
            var file = FileModel.Generate(random);
            var before = file.Render();
            var after = file.WithWrapping(random);

            var changes = DeclarationDiff.Compare(before, after).Changes;

            Assert.False(
                changes.Any(c => c.Kind is DeclarationChangeKind.Removed or DeclarationChangeKind.Added),
                $"case {i}: wrapping changed the declarations\n--- before\n{before}\n--- after\n{after}\n--- changes\n{string.Join("\n", changes.Select(c => c.Kind + " " + c.Id))}");
        }

    }

    // A generated file: one namespace of types, each type of members; every type and member may be
    // wrapped in #if, with #elif and #else branches holding other types or members.
    private sealed class FileModel
    {
        private readonly List<Element> types = [];
        private int names;

        public static FileModel Generate(Random random)
        {
            var file = new FileModel();
            var typeCount = random.Next(1, 4);
            for (var t = 0; t < typeCount; t++)
            {
                file.types.Add(Wrap(random, file.NewType(random), () => file.NewType(random), 0.4));
            }

            return file;
        }

        public string Render() => Render(types);

        // Adds one declaration (a member of a type, or a type) somewhere, perhaps wrapped in #if.
        public (string Text, string Id) WithAddition(Random random)
        {
            var name = "Added" + names++;
            var copy = types.Select(t => t.Clone()).ToList();
            if (random.Next(3) == 0)
            {
                var type = new Element(Kind.Type, name, [$"public int {name}M() => 1;"]);
                copy.Insert(random.Next(copy.Count + 1), Wrap(random, type, () => NewType(random), 0.7));
                return (Render(copy), "T:Contoso.Contracts." + name);
            }

            var host = Types(copy).ElementAt(random.Next(Types(copy).Count()));
            var member = new Element(Kind.Member, name, [$"public int {name}(int x) => x;"]);
            host.Members.Insert(random.Next(host.Members.Count + 1), Wrap(random, member, () => NewMember(random), 0.7));
            return (Render(copy), $"M:Contoso.Contracts.{host.Name}.{name}(System.Int32)");
        }

        // Wraps a run of existing types or members in #if (maybe with an empty #else); nothing inside changes.
        public string WithWrapping(Random random)
        {
            var copy = types.Select(t => t.Clone()).ToList();
            var condition = Wrappers[random.Next(Wrappers.Length)];
            var withElse = random.Next(4) == 0;
            var hosts = Types(copy).Where(t => t.Members.Count > 0).ToList();
            var list = random.Next(3) == 0 || hosts.Count == 0 ? copy : hosts[random.Next(hosts.Count)].Members;
            var start = random.Next(list.Count);
            var count = random.Next(1, list.Count - start + 1);
            var run = list.GetRange(start, count);
            list.RemoveRange(start, count);
            list.Insert(start, new Element(Kind.Group, string.Empty, []) { Branches = [($"#if {condition}", run), .. withElse ? new[] { ("#else", new List<Element>()) } : []] });
            return Render(copy);
        }

        private static IEnumerable<Element> Types(List<Element> elements) =>
            elements.SelectMany(e => e.Kind == Kind.Type ? [e] : e.Kind == Kind.Group ? e.Branches.SelectMany(b => Types(b.Elements)) : []);

        private static string Render(List<Element> types)
        {
            var text = new StringBuilder("namespace Contoso.Contracts\n{\n");
            foreach (var type in types)
            {
                type.Render(text, "    ");
            }

            return text.Append("}\n").ToString();
        }

        private Element NewType(Random random)
        {
            var type = new Element(Kind.Type, "T" + names++, []);
            var memberCount = random.Next(0, 4);
            for (var m = 0; m < memberCount; m++)
            {
                type.Members.Add(Wrap(random, NewMember(random), () => NewMember(random), 0.4));
            }

            return type;
        }

        private Element NewMember(Random random)
        {
            var name = "M" + names++;
            var line = random.Next(3) switch
            {
                0 => $"public int {name}(int x) => x + {random.Next(10)};",
                1 => $"public int {name} {{ get; }} = {random.Next(10)};",
                _ => $"private int {name};",
            };
            return new Element(Kind.Member, name, [line]);
        }

        // Perhaps wraps an element in #if COND, with perhaps #elif and #else branches of other elements.
        private static Element Wrap(Random random, Element element, Func<Element> other, double probability)
        {
            if (random.NextDouble() >= probability)
            {
                return element;
            }

            var branches = new List<(string Directive, List<Element> Elements)>();
            var position = random.Next(3);
            var count = random.Next(1, 4);
            for (var b = 0; b < count; b++)
            {
                var directive = b == 0 ? "#if " + Condition(random) : b == count - 1 && random.Next(2) == 0 ? "#else" : "#elif " + Condition(random);
                branches.Add((directive, [b == Math.Min(position, count - 1) ? element : other()]));
            }

            return new Element(Kind.Group, string.Empty, []) { Branches = branches };
        }

        private static string Condition(Random random) =>
            random.Next(20) == 0 ? "false" : Conditions[random.Next(Conditions.Length - 1)];
    }

    private enum Kind
    {
        Type,
        Member,
        Group,
    }

    private sealed class Element(Kind kind, string name, List<string> lines)
    {
        public Kind Kind { get; } = kind;

        public string Name { get; } = name;

        public List<string> Lines { get; } = lines;

        public List<Element> Members { get; private init; } = [];

        public List<(string Directive, List<Element> Elements)> Branches { get; init; } = [];

        public Element Clone() => new(Kind, Name, Lines)
        {
            Members = Members.Select(m => m.Clone()).ToList(),
            Branches = Branches.Select(b => (b.Directive, b.Elements.Select(e => e.Clone()).ToList())).ToList(),
        };

        public void Render(StringBuilder text, string indent)
        {
            switch (Kind)
            {
                case Kind.Group:
                    foreach (var (directive, elements) in Branches)
                    {
                        text.Append(directive).Append('\n');
                        foreach (var element in elements)
                        {
                            element.Render(text, indent);
                        }
                    }

                    text.Append("#endif\n");
                    break;
                case Kind.Type:
                    text.Append(indent).Append("public class ").Append(Name).Append('\n').Append(indent).Append("{\n");
                    foreach (var line in Lines)
                    {
                        text.Append(indent).Append("    ").Append(line).Append('\n');
                    }

                    foreach (var member in Members)
                    {
                        member.Render(text, indent + "    ");
                    }

                    text.Append(indent).Append("}\n");
                    break;
                default:
                    foreach (var line in Lines)
                    {
                        text.Append(indent).Append(line).Append('\n');
                    }

                    break;
            }
        }
    }

    private sealed class Contents(string before, string after) : FakeContents(before, after);
}
