// The app's audio worker on a machine without audify.
import './without-audify.ts';
import '../../src-main/services/audio/audio-worker.ts';
