#!/usr/bin/env bash
# A private PulseAudio daemon with null sinks for the audio tests (and for trying the audio commands on a
# machine without a sound card). Nothing it does touches a user's own PulseAudio: it has its own runtime
# folder, socket and HOME, and loads no default.pa.
#
#   scripts/test-audio.sh start DIR   start it under DIR (created); prints the environment to use it
#   scripts/test-audio.sh stop DIR    stop the daemon started under DIR
#
# The sinks ("SBL Default" is the default, so stray audio never lands on the test sinks):
#   SBL Default        sbl_default        default sink; its monitor is the default source
#   SBL Lab to Board   sbl_lab_to_board   what we play to the board; the board listens to its monitor
#   SBL Board to Lab   sbl_board_to_lab   what the board sends; we record "Monitor of SBL Board to Lab"
# Runs as root too: without --system the daemon only warns, and the socket allows anonymous clients, so
# clients need no cookie from this HOME. As root it also gets real-time scheduling for its sink threads
# (--realtime, --high-priority), so a busy machine does not leave gaps in the sound.
set -euo pipefail

action=${1:-}
dir=${2:-}
if [ -z "$action" ] || [ -z "$dir" ]; then
  echo "usage: scripts/test-audio.sh start|stop DIR" >&2
  exit 2
fi

case "$action" in
  start)
    command -v pulseaudio >/dev/null 2>&1 || { echo "test-audio: pulseaudio is not installed" >&2; exit 1; }
    command -v pactl >/dev/null 2>&1 || { echo "test-audio: pactl (pulseaudio-utils) is not installed" >&2; exit 1; }
    mkdir -p "$dir/run" "$dir/home"
    dir=$(cd "$dir" && pwd)
    cat >"$dir/sinks.pa" <<EOF
load-module module-native-protocol-unix auth-anonymous=1 socket=$dir/run/native
load-module module-null-sink sink_name=sbl_default rate=44100 sink_properties=device.description="SBL\ Default"
load-module module-null-sink sink_name=sbl_lab_to_board rate=44100 sink_properties=device.description="SBL\ Lab\ to\ Board"
load-module module-null-sink sink_name=sbl_board_to_lab rate=44100 sink_properties=device.description="SBL\ Board\ to\ Lab"
set-default-sink sbl_default
set-default-source sbl_default.monitor
EOF
    HOME="$dir/home" PULSE_RUNTIME_PATH="$dir/run" XDG_RUNTIME_DIR="$dir/run" \
      setsid pulseaudio -n -F "$dir/sinks.pa" --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
      --high-priority=yes --realtime=yes \
      --disable-shm=yes --log-target=file:"$dir/pulseaudio.log" </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/pulseaudio.pid"
    export PULSE_SERVER="unix:$dir/run/native" PULSE_RUNTIME_PATH="$dir/run"
    for _ in $(seq 1 50); do
      if pactl info >/dev/null 2>&1 && pactl list short sinks 2>/dev/null | grep -q sbl_board_to_lab; then
        echo "PULSE_SERVER=$PULSE_SERVER"
        echo "PULSE_RUNTIME_PATH=$PULSE_RUNTIME_PATH"
        exit 0
      fi
      if ! kill -0 "$(cat "$dir/pulseaudio.pid")" 2>/dev/null; then break; fi
      sleep 0.1
    done
    echo "test-audio: PulseAudio did not start; its log ($dir/pulseaudio.log) ends:" >&2
    tail -n 20 "$dir/pulseaudio.log" >&2 2>/dev/null || true
    kill "$(cat "$dir/pulseaudio.pid")" 2>/dev/null || true
    exit 1
    ;;
  stop)
    if [ -f "$dir/pulseaudio.pid" ]; then
      pid=$(cat "$dir/pulseaudio.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$dir/pulseaudio.pid"
    fi
    ;;
  *)
    echo "usage: scripts/test-audio.sh start|stop DIR" >&2
    exit 2
    ;;
esac
