import { useCallback, useEffect, useRef, useState } from 'react';

/** Why there is no live preview; the import path works in every case. */
export type CameraProblem = 'denied' | 'none' | 'unplugged' | 'busy' | 'unsupported' | 'failed';

const DEVICE_KEY = 'otklik.cameraDevice';

function problemOf(err: unknown): CameraProblem {
  const name = err instanceof DOMException ? err.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'none';
  if (name === 'NotReadableError' || name === 'AbortError') return 'busy';
  return 'failed';
}

/**
 * The live camera (webcam or document camera): the device list, the remembered choice, and what went wrong
 * in words the UI can translate. Asks for the largest frame the device offers: handwriting needs pixels.
 */
export function useCamera() {
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>(() => localStorage.getItem(DEVICE_KEY) ?? '');
  const [problem, setProblem] = useState<CameraProblem | null>(null);
  const [ready, setReady] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // A browser with no camera access at all: said at once, and no stream is asked for.
  const supported = Boolean(navigator.mediaDevices?.getUserMedia);

  useEffect(() => {
    if (!supported) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    const video: MediaTrackConstraints = {
      width: { ideal: 4096 },
      height: { ideal: 3072 },
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
    };
    navigator.mediaDevices
      .getUserMedia({ video, audio: false })
      .catch((err: unknown) => {
        // A remembered camera that is gone: fall back to any camera rather than to none.
        if (deviceId && err instanceof DOMException && err.name === 'OverconstrainedError')
          return navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 4096 } }, audio: false });
        throw err;
      })
      .then(async (s) => {
        if (cancelled) {
          s.getTracks().forEach((t) => t.stop());
          return;
        }
        stream = s;
        s.getVideoTracks()[0]?.addEventListener('ended', () => {
          setReady(false);
          setProblem('unplugged');
        });
        const el = videoRef.current;
        if (el) {
          el.srcObject = s;
          await el.play().catch(() => undefined);
        }
        setReady(true);
        const all = await navigator.mediaDevices.enumerateDevices();
        if (!cancelled) setDevices(all.filter((d) => d.kind === 'videoinput'));
      })
      .catch((err: unknown) => {
        if (!cancelled) setProblem(problemOf(err));
      });
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [supported, deviceId, attempt]);

  // Another camera, or another try: no preview and no problem until the new stream answers (set here, where
  // the choice is made, rather than in the effect that asks for the stream).
  const choose = useCallback(
    (id: string) => {
      try {
        localStorage.setItem(DEVICE_KEY, id);
      } catch {
        // Remembered for this session only.
      }
      if (id === deviceId) return;
      setReady(false);
      setProblem(null);
      setDeviceId(id);
    },
    [deviceId],
  );
  const retry = useCallback(() => {
    setReady(false);
    setProblem(null);
    setAttempt((n) => n + 1);
  }, []);

  return { videoRef, devices, deviceId, choose, problem: supported ? problem : 'unsupported', ready, retry };
}
