import { Card, ViewHead } from "../ui/bits";

export function EarningsView() {
  return (
    <>
      <ViewHead title="Earnings" sub="" />
      <Card><p className="muted">Coming next.</p></Card>
    </>
  );
}
