#!/bin/sh
# Makes the demo's media once (committed next to this script; the demo copies them): pictures with a caption and a
# short clip with a tone, all drawn by ffmpeg's own sources, nothing downloaded. Needs ffmpeg with libvpx and libopus.
set -eu
cd "$(dirname "$0")"
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
picture() { # file, gradient colours, caption
  ffmpeg -v error -y -f lavfi -i "gradients=s=960x540:c0=$2:c1=$3:x0=0:y0=0:x1=960:y1=540:nb_colors=2" \
    -vf "drawtext=fontfile=$FONT:text='$4':fontcolor=white:fontsize=64:x=(w-tw)/2:y=(h-th)/2:shadowx=3:shadowy=3" \
    -frames:v 1 -q:v 4 "$1"
}
picture welcome.jpg 0x1d4f91 0x4fa3d9 'Welcome'
picture circuit-overseer-visit.jpg 0x91501d 0xd9a34f 'Circuit overseer visit'
picture public-talk.jpg 0x1d7a3f 0x7fd98f 'Public talk'
picture year-text.jpg 0x5a2d7a 0xb07fd9 'Year text 2026'
ffmpeg -v error -y -f lavfi -i "gradients=s=1280x720:c0=0x101018:c1=0x283048:x0=0:y0=0:x1=1280:y1=720:nb_colors=2" \
  -vf "drawtext=fontfile=$FONT:text='Demo Congregation':fontcolor=0xc8c8d8:fontsize=56:x=(w-tw)/2:y=(h-th)/2" \
  -frames:v 1 -q:v 4 background.jpg
ffmpeg -v error -y -f lavfi -i "testsrc2=s=640x360:r=25:d=6" -f lavfi -i "sine=frequency=440:duration=6" \
  -vf "drawtext=fontfile=$FONT:text='Short clip':fontcolor=white:fontsize=40:x=(w-tw)/2:y=h-th-24:box=1:boxcolor=black@0.5" \
  -c:v libvpx-vp9 -b:v 300k -g 25 -c:a libopus -b:a 48k -shortest short-clip.webm
