/* store-schema.c: the database schema as forward migrations.  Migration N
 * takes user_version N-1 to N.  Never edit a migration that has shipped in
 * a release: add a new one.  Dates are TEXT 'YYYY-MM-DD', datetimes TEXT
 * 'YYYY-MM-DD HH:MM:SS' (China local time), money INTEGER fen, booleans
 * INTEGER 0/1.  Every record row names its contract and the import that
 * last wrote it. */
#include "sql.h"

const char *const kh_store_migrations[] = {
	/* 1: the nine record kinds, contracts, provenance, calendar, runs. */
	"CREATE TABLE contracts ("
	"  id TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  source_file TEXT,"
	"  xml TEXT NOT NULL,"
	"  added_at TEXT NOT NULL,"
	"  PRIMARY KEY (id, version));"

	"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  contract TEXT,"
	"  rows INTEGER NOT NULL,"
	"  inserted INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL DEFAULT 0,"
	"  unchanged INTEGER NOT NULL DEFAULT 0,"
	"  imported_at TEXT NOT NULL);"

	"CREATE TABLE roster ("
	"  contract TEXT NOT NULL,"
	"  staff_id TEXT NOT NULL,"
	"  name TEXT,"
	"  post TEXT NOT NULL CHECK (post IN ('resident','city','county','other')),"
	"  unit TEXT,"
	"  specialty TEXT NOT NULL CHECK (specialty IN ('medical','finance','it','other')),"
	"  employment TEXT,"
	"  start_date TEXT NOT NULL,"
	"  end_date TEXT,"
	"  end_reason TEXT,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, staff_id, start_date)) WITHOUT ROWID;"

	"CREATE TABLE settlements ("
	"  contract TEXT NOT NULL,"
	"  claim_id TEXT NOT NULL,"
	"  insured_id TEXT NOT NULL,"
	"  channel TEXT NOT NULL CHECK (channel IN ('direct','manual')),"
	"  category TEXT NOT NULL DEFAULT 'standard',"
	"  region TEXT,"
	"  provider_id TEXT,"
	"  service_date TEXT,"
	"  received_date TEXT NOT NULL,"
	"  paid_date TEXT,"
	"  eligible_amount INTEGER,"
	"  paid_amount INTEGER NOT NULL,"
	"  excused INTEGER NOT NULL DEFAULT 0,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, claim_id)) WITHOUT ROWID;"

	"CREATE TABLE complaints ("
	"  contract TEXT NOT NULL,"
	"  complaint_id TEXT NOT NULL,"
	"  received_date TEXT NOT NULL,"
	"  channel TEXT,"
	"  category TEXT NOT NULL,"
	"  substantiated TEXT NOT NULL CHECK (substantiated IN ('yes','no','pending')),"
	"  insurer_fault INTEGER,"
	"  severity TEXT NOT NULL DEFAULT 'minor',"
	"  closed_date TEXT,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, complaint_id));"

	"CREATE TABLE audits ("
	"  contract TEXT NOT NULL,"
	"  sample_id TEXT NOT NULL,"
	"  audit_date TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  stream TEXT NOT NULL,"
	"  claim_id TEXT,"
	"  result TEXT NOT NULL CHECK (result IN ('pass','fail')),"
	"  error_amount INTEGER,"
	"  finding TEXT,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, sample_id));"

	"CREATE TABLE submissions ("
	"  contract TEXT NOT NULL,"
	"  report TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  submitted_at TEXT NOT NULL,"
	"  accepted INTEGER NOT NULL DEFAULT 1,"
	"  ref TEXT,"
	"  source TEXT NOT NULL DEFAULT 'import',"
	"  idempotency_key TEXT,"   /* SHA-256 of the file sent by `kaohe submit` */
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, report, period, submitted_at));"
	"CREATE INDEX submissions_key ON submissions (idempotency_key)"
	"  WHERE idempotency_key IS NOT NULL;"

	"CREATE TABLE activities ("
	"  contract TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  count INTEGER NOT NULL DEFAULT 1,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, date, kind, unit));"

	"CREATE TABLE finance ("
	"  contract TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  amount INTEGER NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, date, kind, amount, note));"

	"CREATE TABLE population ("
	"  contract TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  insured INTEGER NOT NULL,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, date, unit));"

	"CREATE TABLE ratings ("
	"  contract TEXT NOT NULL,"
	"  quarter TEXT NOT NULL,"
	"  rating TEXT NOT NULL CHECK (rating IN ('A','B','C','D')),"
	"  raw_rating TEXT,"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, quarter));"

	/* The work calendar: one row per day that differs from the weekday
	 * rule (an official holiday, or a weekend day adjusted into work). */
	"CREATE TABLE calendar_years ("
	"  year INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  notice TEXT,"
	"  loaded_at TEXT NOT NULL);"
	"CREATE TABLE calendar_days ("
	"  date TEXT PRIMARY KEY,"
	"  year INTEGER NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),"
	"  name TEXT);"

	/* Score runs: enough to reproduce a result later. */
	"CREATE TABLE score_runs ("
	"  id INTEGER PRIMARY KEY,"
	"  contract TEXT NOT NULL,"
	"  contract_version INTEGER NOT NULL,"
	"  period TEXT NOT NULL,"
	"  as_of TEXT NOT NULL,"
	"  generated_at TEXT NOT NULL,"
	"  score TEXT,"
	"  max_score TEXT,"
	"  grade TEXT,"
	"  scorecard_xml TEXT);"
	"CREATE TABLE score_run_imports ("
	"  run_id INTEGER NOT NULL REFERENCES score_runs(id) ON DELETE CASCADE,"
	"  import_id INTEGER NOT NULL REFERENCES imports(id),"
	"  PRIMARY KEY (run_id, import_id));",

	/* 2: recorded facts — dated events the contracts hang money and duties
	 * on: acceptance (验收合格, 004), the purchaser's termination notice
	 * (000 第三十四条), rectification orders, fund requests and receipts. */
	"CREATE TABLE facts ("
	"  contract TEXT NOT NULL,"
	"  date TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('acceptance','acceptance-failed',"
	"    'termination-notice','refund','rectification-order','rectified',"
	"    'fund-request','fund-received','fund-receipt-filed','other')),"
	"  ref TEXT NOT NULL DEFAULT '',"
	"  amount INTEGER,"
	"  due_date TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, kind, date, ref));",

	/* 3: marks (评分) — a panel member's points for one indicator of one
	 * period at one level: the insurer's 自评, the city's 考核小组 (000
	 * 第三十一条), the province's 抽查 (001 第三十六条).  Points ×100 as
	 * an integer (exact); whether a score exceeds the indicator's points
	 * is judged at scoring time, against the contract. */
	"CREATE TABLE marks ("
	"  contract TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  level TEXT NOT NULL CHECK (level IN ('self','city','province')),"
	"  indicator TEXT NOT NULL,"
	"  member TEXT NOT NULL,"
	"  score INTEGER NOT NULL CHECK (score >= 0),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  evidence TEXT NOT NULL DEFAULT '',"
	"  import_id INTEGER REFERENCES imports(id),"
	"  PRIMARY KEY (contract, period, level, indicator, member));",

	/* 4: what happens after scoring — the audit trail (append-only: the
	 * triggers refuse UPDATE and DELETE), the regulator's decisions on
	 * money lines (a history: the newest decision of a line is its state),
	 * the insurer's appeals (复核) and the evidence items they name, each
	 * with its outcome (an overturned item is re-judged when scoring). */
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  contract TEXT,"
	"  period TEXT,"
	"  subject TEXT,"
	"  reason TEXT,"
	"  before TEXT,"
	"  after TEXT);"
	"CREATE INDEX audit_log_contract ON audit_log (contract, id);"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	"  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"

	"CREATE TABLE decisions ("
	"  id INTEGER PRIMARY KEY,"
	"  contract TEXT NOT NULL,"
	"  line_id TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('confirmed','waived')),"
	"  amount INTEGER,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL);"
	"CREATE INDEX decisions_line ON decisions (contract, line_id, id);"
	"CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"
	"CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions"
	"  BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;"

	"CREATE TABLE appeals ("
	"  id INTEGER PRIMARY KEY,"
	"  contract TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  indicator TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  filed_by TEXT NOT NULL,"
	"  filed_at TEXT NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (state IN ('open','upheld','overturned','partial')),"
	"  decision_reason TEXT,"
	"  decided_by TEXT,"
	"  decided_at TEXT,"
	"  cost INTEGER);"
	"CREATE TABLE appeal_refs ("
	"  appeal_id INTEGER NOT NULL REFERENCES appeals(id),"
	"  ref TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('audit-sample','claim')),"
	"  outcome TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (outcome IN ('open','upheld','overturned')),"
	"  PRIMARY KEY (appeal_id, ref));",

	/* 5: what `kaohe serve` received (POST /submissions): each body as it
	 * arrived with its SHA-256 and Idempotency-Key (UNIQUE: a key is
	 * stored once, whatever the race), the headers that name it, who sent
	 * it (the token's id, never the token) and when.  The ref is made from
	 * the id ('R-' and six digits).  Kept as received: the triggers refuse
	 * UPDATE and DELETE. */
	"CREATE TABLE received_submissions ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  idempotency_key TEXT NOT NULL UNIQUE,"
	"  contract TEXT NOT NULL,"
	"  report TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  content_type TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  body BLOB NOT NULL,"
	"  received_at TEXT NOT NULL,"
	"  received_by TEXT NOT NULL,"
	"  user_id INTEGER,"
	"  token_id INTEGER,"
	"  remote TEXT);"
	"CREATE INDEX received_submissions_contract"
	"  ON received_submissions (contract, id);"
	"CREATE TRIGGER received_submissions_no_update"
	"  BEFORE UPDATE ON received_submissions"
	"  BEGIN SELECT RAISE(ABORT, 'received submissions are kept as received'); END;"
	"CREATE TRIGGER received_submissions_no_delete"
	"  BEFORE DELETE ON received_submissions"
	"  BEGIN SELECT RAISE(ABORT, 'received submissions are kept as received'); END;",

	/* 6: who may use `kaohe serve` — users with a role (an insurer bound to
	 * its contracts), Argon2id password hashes (libsodium's string form),
	 * API tokens and session ids kept only as their SHA-256 (hex), each
	 * session with its CSRF token and expiry, and failed logins for the
	 * rate limit (pruned; the audit log keeps the history).  No secret is
	 * stored in clear. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  display TEXT NOT NULL DEFAULT '',"
	"  role TEXT NOT NULL CHECK (role IN ('regulator','panel','insurer')),"
	"  password_hash TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)));"
	"CREATE TABLE user_contracts ("
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  contract TEXT NOT NULL,"
	"  PRIMARY KEY (user_id, contract));"
	"CREATE TABLE api_tokens ("
	"  id INTEGER PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  label TEXT NOT NULL DEFAULT '',"
	"  created_at TEXT NOT NULL,"
	"  revoked_at TEXT);"
	"CREATE INDEX api_tokens_user ON api_tokens (user_id, id);"
	"CREATE TABLE sessions ("
	"  sha256 TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES users(id),"
	"  csrf TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  seen_at TEXT NOT NULL,"
	"  expires_at TEXT NOT NULL);"
	"CREATE INDEX sessions_user ON sessions (user_id);"
	"CREATE TABLE login_attempts ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  remote TEXT NOT NULL,"
	"  at TEXT NOT NULL);"
	"CREATE INDEX login_attempts_name ON login_attempts (name, at);"
	"CREATE INDEX login_attempts_remote ON login_attempts (remote, at);",
};

const int kh_store_migration_count =
	(int)(sizeof kh_store_migrations / sizeof kh_store_migrations[0]);
