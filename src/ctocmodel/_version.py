"""The release number, read by the build (hatch) and by ``ctocmodel --version``."""

VERSION = "0.1.0"
