# Sourced by the analyzer benches: packs the analyzer and the tool from $repo_root into $work/feed
# (setting $version), and writes a nuget.config that maps ScopeGuard's packages to that feed.

pack_feed() {
  echo "packing ScopeGuard.Analyzers and the scopeguard tool from $repo_root (Release)..."
  dotnet build "$repo_root/src/ScopeGuard.Cli" -c Release -v:q -nologo >/dev/null
  dotnet build "$repo_root/src/ScopeGuard.Analyzers" -c Release -v:q -nologo >/dev/null
  dotnet pack "$repo_root/src/ScopeGuard.Analyzers" -c Release --no-build -o "$work/feed" -v:q -nologo >/dev/null
  dotnet pack "$repo_root/src/ScopeGuard.Cli" -c Release --no-build -o "$work/feed" -v:q -nologo >/dev/null
  version=$(ls "$work/feed" | sed -n 's/^ScopeGuard\.Analyzers\.\(.*\)\.nupkg$/\1/p')
}

write_nuget_config() { # $1 = folder
  cat > "$1/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><clear /><add key="feed" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
  <packageSourceMapping>
    <packageSource key="feed"><package pattern="ScopeGuard.Analyzers" /><package pattern="scopeguard" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML
}
