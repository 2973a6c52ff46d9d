#!/bin/sh
# The app image's launcher on Linux, in place of jpackage's native one. That one asks rpm and then
# dpkg which package owns it, twice, before it starts Java: on Debian and Ubuntu each `dpkg -S`
# reads the whole package database, about 0.2 to 0.5 s. This starts the image's own runtime
# with what jpackage wrote in lib/app/cnn-explorer.cfg (class path, main class, Java options),
# using only the shell's builtins, so it also runs with an empty PATH.
self=$0
# started through a link (a user's ~/bin): the image is where the link points
if [ -L "$self" ]; then
  for rl in readlink /usr/bin/readlink /bin/readlink; do
    if command -v "$rl" >/dev/null 2>&1; then
      self=$("$rl" -f "$self")
      break
    fi
  done
fi
case $self in
  */*) bin=${self%/*} ;;
  *) bin=. ;;
esac
# absolute paths, as jpackage's launcher gives them
root=$(cd "$bin/.." && pwd -P) || exit 1
APPDIR=$root/lib/app
cfg=$APPDIR/cnn-explorer.cfg
if [ ! -r "$cfg" ]; then
  echo "cnn-explorer: cannot read $cfg; the app image is incomplete" >&2
  exit 1
fi
cp=
main=
opts=
nl='
'
while IFS= read -r line || [ -n "$line" ]; do
  value=${line#*=}
  # $APPDIR in the file stands for the folder of the app's jars
  case $value in
    '$APPDIR'*) value=$APPDIR${value#'$APPDIR'} ;;
  esac
  case $line in
    app.classpath=*) cp=${cp:+$cp:}$value ;;
    app.mainclass=*) main=$value ;;
    java-options=*) opts=$opts$value$nl ;;
  esac
done < "$cfg"
# one word per option line, in the file's order, then the app's own arguments as given
set -f
IFS=$nl
set -- $opts "-Djpackage.app-path=$root/bin/cnn-explorer" -cp "$cp" "$main" "$@"
exec "$root/lib/runtime/bin/java" "$@"
