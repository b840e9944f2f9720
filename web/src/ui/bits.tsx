// Small presentational pieces shared by the views.
import type { ReactNode } from "react";

export function Card({ title, children, actions, testid, className }: { title?: ReactNode; children: ReactNode; actions?: ReactNode; testid?: string; className?: string }) {
  return (
    <section className={`card ${className ?? ""}`} data-testid={testid}>
      {(title || actions) && (
        <div className="card-head">
          {title && <h3>{title}</h3>}
          <div className="grow" />
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}

export function Stat({ label, value, unit, hint, testid }: { label: string; value: ReactNode; unit?: string; hint?: ReactNode; testid?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testid}>
        {value} {unit && <span className="unit">{unit}</span>}
      </div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}

export function ViewHead({ title, sub }: { title: string; sub: ReactNode }) {
  return (
    <div className="view-head">
      <h1>{title}</h1>
      <p className="muted">{sub}</p>
    </div>
  );
}

export function NeedWallet({ what }: { what: string }) {
  return <p className="muted">Connect a wallet to {what}.</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}
