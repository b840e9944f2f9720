// Inline icons (no icon font, no emoji: they render the same everywhere).
import type { MediaKind } from "../../../clients/src/MesiGallery.types";

export function KindIcon({ kind, size = 44 }: { kind: MediaKind; size?: number }) {
  const common = { width: size, height: size, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor", strokeWidth: 1.6, strokeLinecap: "round" as const, strokeLinejoin: "round" as const };
  if (kind === "video")
    return (
      <svg {...common} aria-label="video">
        <rect x="2.5" y="5" width="14" height="14" rx="3" />
        <path d="M16.5 10l5-3v10l-5-3z" />
      </svg>
    );
  if (kind === "audio")
    return (
      <svg {...common} aria-label="audio">
        <path d="M9 18V6l11-2v12" />
        <circle cx="6.5" cy="18" r="2.5" />
        <circle cx="17.5" cy="16" r="2.5" />
      </svg>
    );
  return (
    <svg {...common} aria-label="photo">
      <rect x="3" y="4" width="18" height="16" rx="3" />
      <circle cx="9" cy="10" r="2" />
      <path d="M21 16l-5-5-9 9" />
    </svg>
  );
}

export const KIND_BG: Record<MediaKind, string> = {
  photo: "linear-gradient(135deg, #7f6bff, #ff7eb0)",
  video: "linear-gradient(135deg, #3f8cff, #6d4aff)",
  audio: "linear-gradient(135deg, #18b48a, #4ac3ff)",
};
