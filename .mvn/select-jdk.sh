# Sourced by ./herald and .ci/run: points JAVA_HOME at a JDK >= 21.
# Keeps JAVA_HOME when it is already new enough; else tries `java` on the PATH, then /usr/lib/jvm/*.
herald_java_major() {
  # the JDK's release file says it without starting a JVM (a tenth of a second each time) or any other process
  local line v=""
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      case "$line" in JAVA_VERSION=*) v="${line#JAVA_VERSION=\"}"; v="${v%%[.\"]*}" ;; esac
    done < "$1/release"
  fi
  if [ -z "$v" ]; then
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)"
  fi
  echo "$v"
}
herald_jdk_fits() {
  local candidate="${1%/}" major
  [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || return 1
  major="$(herald_java_major "$candidate")"
  [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}
herald_select_jdk() {
  local candidate
  if herald_jdk_fits "${JAVA_HOME:-}"; then
    export JAVA_HOME="${JAVA_HOME%/}"
    return 0
  fi
  for candidate in "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ /opt/java/*/ 2>/dev/null | sort -rV); do
    if herald_jdk_fits "$candidate"; then
      export JAVA_HOME="${candidate%/}"
      return 0
    fi
  done
  echo "herald: no JDK 21 or newer found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
