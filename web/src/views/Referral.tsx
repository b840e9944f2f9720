import { Card, ViewHead } from "../ui/bits";

export function ReferralView() {
  return (
    <>
      <ViewHead title="Referral" sub="" />
      <Card><p className="muted">Coming next.</p></Card>
    </>
  );
}
