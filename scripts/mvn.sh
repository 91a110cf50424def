# Sourced by the scripts that build: MVN is the installed Maven, or else the project's Maven wrapper (./mvnw), which
# downloads Maven 3.9.9 from Maven Central on first use, so that Java alone is needed. Expects ROOT.
if command -v mvn >/dev/null 2>&1; then
  MVN=mvn
else
  MVN="$ROOT/mvnw"
fi
