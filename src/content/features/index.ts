// Every feature, one line each. Adding a hint for a new page: one new file, one line here.
import './migration-hints';
import './customer-badges';
import './offer-match';
import './record-purchase';
import './reseller-request';
import './relationship-accepted';
