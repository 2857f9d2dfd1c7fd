# Sourced by ./herald and .ci/run: points JAVA_HOME at a JDK >= 21.
# Keeps JAVA_HOME when it is already new enough; else tries `java` on the PATH, then /usr/lib/jvm/*.
herald_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}
herald_select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ /opt/java/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major="$(herald_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "herald: no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
