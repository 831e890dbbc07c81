// Every feature's registration, one line each. Adding a feature: docs/adding-a-feature.md.
import './migration-hints';
import './customer-badges';
import './offer-match';
import './record-purchase';
import './reseller-request';
import './relationship-accepted';
