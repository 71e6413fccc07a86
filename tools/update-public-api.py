#!/usr/bin/env python3
# Regenerates the public API files. Builds the src projects with RS0016/RS0017 as warnings and rewrites each PublicAPI.Unshipped.txt from the diagnostics.
# The analyzer's code fix is not available on the command line; run this after a deliberate change of the public surface
# and review the diff of the PublicAPI.Unshipped.txt files.
import re, subprocess, sys, os, collections
root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
entry=['src/Aurora.Reactive.EntityFrameworkCore.PostgreSQL','src/Aurora.Reactive.MySqlConnector','src/Aurora.Reactive.Testing']
add=collections.defaultdict(set); rem=collections.defaultdict(set)
for e in entry:
    r=subprocess.run(['dotnet','build',e,'--no-incremental','-nologo','-clp:NoSummary','-p:TreatWarningsAsErrors=false','-p:MSBuildTreatWarningsAsErrors=false'],cwd=root,capture_output=True,text=True)
    for line in r.stdout.splitlines():
        m=re.search(r"warning RS0016: Symbol '(.*)' is not part of the declared public API.*\[(.*?\.csproj)\]",line)
        if m: add[os.path.dirname(m.group(2))].add(m.group(1)); continue
        m=re.search(r"warning RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*\[(.*?\.csproj)\]",line)
        if m: rem[os.path.dirname(m.group(2))].add(m.group(1)); continue
        if ' error ' in line or ('warning' in line and 'RS00' in line): print(line)
for d in set(add)|set(rem):
    f=os.path.join(d,'PublicAPI.Unshipped.txt')
    lines=[l for l in open(f).read().splitlines() if l.strip() and l!='#nullable enable']
    s=(set(lines)-rem[d])|add[d]
    open(f,'w').write('#nullable enable\n'+''.join(x+'\n' for x in sorted(s,key=lambda x:(x.lower(),x))))
    print(d, '+',len(add[d]),'-',len(rem[d]),'=',len(s))
