/**
 * Who is using the pane on this device, and the identities enrolled here. Pages read it
 * to know whose name goes into the log and whose key stamps.
 */
import * as React from "react";
import type { DeviceIdentity } from "./keystore";

export interface Session {
  identities: DeviceIdentity[];
  current?: DeviceIdentity;
  choose(fingerprint: string): void;
  reload(): Promise<void>;
}

export const SessionContext = React.createContext<Session>({
  identities: [],
  choose: () => {},
  reload: async () => {},
});

export const useSession = () => React.useContext(SessionContext);
