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

/** navigation icons (24x24 strokes) */
const NAV_PATHS: Record<string, string> = {
  account: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c1.5-3.5 4.5-5 8-5s6.5 1.5 8 5",
  gallery: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
  influence: "M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z",
  meet: "M4 6h16v10H8l-4 4zM8 10h8M8 13h5",
  earnings: "M12 3v18M16.5 7.5c-.8-1.2-2.4-2-4.5-2-2.8 0-4.5 1.4-4.5 3.2 0 4.3 9 2.4 9 6.6 0 1.9-1.9 3.2-4.5 3.2-2.3 0-4-.9-4.8-2.3",
  referral: "M8 12a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM2.5 19c.9-2.6 3-4 5.5-4s4.6 1.4 5.5 4M16 8h6M19 5v6",
  validators: "M12 3l8 3v6c0 4.5-3.4 8-8 9-4.6-1-8-4.5-8-9V6zM8.5 12l2.5 2.5 4.5-5",
  marketplace: "M4 9l1.5-5h13L20 9M4 9h16v11H4zM4 9c0 1.7 1.3 3 3 3s3-1.3 3-3c0 1.7 1.3 3 2 3s2-1.3 2-3c0 1.7 1.3 3 3 3s3-1.3 3-3",
};

export function NavIcon({ id }: { id: string }) {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.7} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={NAV_PATHS[id] ?? NAV_PATHS.account} />
    </svg>
  );
}
