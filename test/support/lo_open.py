"""Opens a file in headless LibreOffice as a person would, giving the password it asks
for if one is given, and writes every sheet as UTF-8 CSV: <out dir>/sheet-<name>.csv.
Through UNO (python3-uno): LibreOffice's command line (--convert-to) has no way to take a
password. Used by test/support/libreoffice.ts.

usage: lo_open.py <profile dir> <in.xlsx> <out dir> [password]
exit status: 0 opened, 3 LibreOffice refused to open the file, other: could not run
"""
import os
import subprocess
import sys
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, src, out = sys.argv[1:4]
    password = sys.argv[4] if len(sys.argv) > 4 else None
    pipe = "register" + uuid.uuid4().hex
    office = subprocess.Popen(
        ["/usr/bin/soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
         "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    code = 2
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 120
        while True:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if time.time() > deadline or office.poll() is not None:
                    raise
                time.sleep(0.2)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # No interaction handler: where a person would be asked for a password, loading fails.
        args = [prop("Hidden", True), prop("ReadOnly", True)]
        if password is not None:
            args.append(prop("Password", password))
        try:
            doc = desktop.loadComponentFromURL(
                uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, tuple(args))
        except Exception as e:
            print(f"refused: {e}", file=sys.stderr)
            doc = None
        if doc is None:
            code = 3
        else:
            # Comma, double quote, UTF-8, …, token 12 = -1: each sheet to a file of its own.
            doc.storeToURL(uno.systemPathToFileUrl(os.path.join(os.path.abspath(out), "sheet.csv")), (
                prop("FilterName", "Text - txt - csv (StarCalc)"),
                prop("FilterOptions", "44,34,76,1,,0,false,true,false,false,false,-1")))
            doc.close(True)
            code = 0
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            office.wait(timeout=60)
        except Exception:
            office.kill()
    return code


sys.exit(main())
