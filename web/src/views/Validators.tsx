// Validators (issue 11, SPEC §6): the whitelisted validators with their stake and pending rewards; a staker claims.
import { useLive, useSession } from "../chain/session";
import { Card, Empty, Stat, ViewHead } from "../ui/bits";
import { dateTime, fmtAmount, shortAddr } from "../ui/format";
import { TxProgress, useTx } from "../ui/Tx";

export function ValidatorsView() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const live = useLive(async () => {
    const [list, threshold, stream] = await Promise.all([q.validators.validators({ limit: 100 }), q.validators.threshold(), q.validators.stream()]);
    return { list: list.validators, threshold, stream };
  }, []);
  const d = live.data;
  const mine = d?.list.find((v) => v.staker === address);
  return (
    <>
      <ViewHead title="Validators" sub="Validators that stake MESI and are whitelisted share the validator rewards pool, pro rata to their stake." />
      {!d ? <Card><p className="muted">{live.error ?? "Loading…"}</p></Card> : (
        <>
          <div className="grid stats">
            <Stat label="Stake to apply" value={fmtAmount(d.threshold.threshold, 0)} unit="MESI" hint={`${d.threshold.threshold_bps / 100}% of the supply`} />
            <Stat label="Staked in total" value={fmtAmount(d.stream.total_staked, 0)} unit="MESI" />
            <Stat label="Rewards streaming" value={fmtAmount(d.stream.undistributed, 0)} unit="MESI" hint={d.stream.undistributed !== "0" && d.stream.stream_end ? `until ${dateTime(d.stream.stream_end)}` : "nothing streaming now"} />
          </div>
          <Card title="Whitelisted validators" testid="validators">
            {d.list.filter((v) => v.status === "whitelisted").length === 0 ? <Empty>No validator is whitelisted yet.</Empty> : (
              <table className="list">
                <thead><tr><th>Validator</th><th>Staker</th><th>Stake</th><th>Pending rewards</th><th /></tr></thead>
                <tbody>
                  {d.list.filter((v) => v.status === "whitelisted").map((v) => (
                    <tr key={v.validator}>
                      <td className="mono small" title={v.validator}>{shortAddr(v.validator)}</td>
                      <td className="mono small" title={v.staker}>{shortAddr(v.staker)}</td>
                      <td>{fmtAmount(v.stake, 0)} MESI</td>
                      <td>{fmtAmount(v.pending_rewards)} MESI</td>
                      <td>{v.eligible ? <span className="status released">earning</span> : <span className="status">below threshold</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          {mine && (
            <Card title="Your validator" testid="my-validator">
              <div className="row">
                <span>Status <b>{mine.status}</b> · stake {fmtAmount(mine.stake, 0)} MESI · rewards <b>{fmtAmount(mine.pending_rewards)}</b> MESI</span>
                <div className="grow" />
                <button className="primary" disabled={tx.busy || mine.pending_rewards === "0"} onClick={() => tx.run("Claim validator rewards", () => exec!.validators.claim())} data-testid="claim-validator">Claim</button>
              </div>
              <TxProgress tx={tx} />
            </Card>
          )}
        </>
      )}
    </>
  );
}
