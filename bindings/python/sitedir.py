"""Prints where, relative to an install prefix, the Python package goes so
that the python3 running this script imports it (used by CMake)."""
import os
import sys
import sysconfig

prefix = os.path.abspath(sys.argv[1])
v = f"{sys.version_info.major}.{sys.version_info.minor}"
if prefix in (os.path.abspath(sys.prefix), os.path.abspath(sys.base_prefix)):
    path = sysconfig.get_path("purelib")
elif "deb_system" in sysconfig.get_scheme_names() and prefix in ("/usr", "/usr/local"):
    # Debian's python3 reads these two, not site-packages.
    path = os.path.join(prefix, "lib/python3/dist-packages" if prefix == "/usr"
                        else f"lib/python{v}/dist-packages")
else:
    path = sysconfig.get_path("purelib", "posix_prefix", {"base": prefix, "platbase": prefix})
print(os.path.relpath(path, prefix))
