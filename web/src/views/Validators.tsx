import { Card, ViewHead } from "../ui/bits";

export function ValidatorsView() {
  return (
    <>
      <ViewHead title="Validators" sub="" />
      <Card><p className="muted">Coming next.</p></Card>
    </>
  );
}
