import type { DestinationDeps } from '../employers/deps.ts';
import type { DocumentSigner } from '../federation/document-signing.ts';
import { onContractStatus } from './destination.service.ts';
import { onContractCancelled, onContractRegistered, onContractSubmitted, type ContractOriginDeps } from './origin.service.ts';

/**
 * Federation v1 handlers of contract messages. Each runs inside the inbox transaction of a verified,
 * non-duplicate, non-stale message; throwing rejects the message (negative receipt, nothing applied).
 * SMS are sent after the handler returns and never awaited inside it (PGlite has one connection): a
 * lost SMS loses nothing, the contract and the alert are in the worker's account.
 */
const registered = new WeakSet<object>();

export function registerContractHandlers(deps: { side: 'origin'; origin: ContractOriginDeps } | { side: 'destination'; destination: DestinationDeps & { signer: DocumentSigner } }): void {
  const f = deps.side === 'origin' ? deps.origin.federation : deps.destination.federation;
  if (registered.has(f)) return;
  registered.add(f);
  if (deps.side === 'destination') {
    const d = deps.destination;
    f.on('contract.status', (trx, m) => onContractStatus(d, trx, m, d.clock()));
    return;
  }
  const o = deps.origin;
  const sms = (to: string, ar: string, en: string) => void o.notifier.send({ channel: 'sms', to, bodyAr: ar, bodyEn: en }).catch(() => undefined);
  f.on('contract.submitted', async (trx, m) => {
    await onContractSubmitted(o, trx, m, o.clock());
  });
  f.on('contract.cancelled', async (trx, m) => {
    const r = await onContractCancelled(o, trx, m, o.clock());
    if (r) sms(r.mobile, 'ربط: ألغى صاحب العمل عقد العمل عبر وزارته. راجع «عقودي» في حسابك، ولا تسافر بعقد ملغى.', 'Rabt: the employer cancelled your work contract through its ministry. See My contracts; do not travel on a cancelled contract.');
  });
  f.on('contract.registered', async (trx, m) => {
    const r = await onContractRegistered(trx, m, o.clock());
    if (r) sms(r.mobile, 'ربط: تنبيه — العقد المسجل في بلد العمل يختلف عن العقد الذي وقّعته. راجع «عقودي» في حسابك وتواصل مع الملحق العمالي.', 'Rabt: alert — the contract registered in the destination country differs from the one you signed. See My contracts and contact the labour attaché.');
  });
}
