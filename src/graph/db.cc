#include "graph/db.h"

#include <sqlite3.h>

namespace pactgraph::graph {

Stmt::~Stmt() {
  if (s_) {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
}

Stmt& Stmt::Bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, double v) {
  sqlite3_bind_double(s_, i, v);
  return *this;
}
Stmt& Stmt::Bind(int i, std::string_view v) {
  if (v.empty()) return BindNull(i);
  return BindText(i, v);
}
Stmt& Stmt::BindText(int i, std::string_view v) {
  sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::BindNull(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

StatusOr<bool> Stmt::Step() {
  PG_RETURN_IF_ERROR(db_->Fault(sql_));
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return db_->Check(rc, sql_);
}

Status Stmt::Run() {
  StatusOr<bool> r = Step();
  while (r.ok() && *r) r = Step();
  return r.status();
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }
double Stmt::Real(int col) const { return sqlite3_column_double(s_, col); }
bool Stmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
std::string Stmt::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(s_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, col)) : std::string();
}

StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, bool read_only, int busy_timeout_ms) {
  sqlite3* h = nullptr;
  int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &h, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = h ? sqlite3_errmsg(h) : sqlite3_errstr(rc);
    sqlite3_close(h);
    return Status::IOError(path + ": cannot open database: " + msg);
  }
  sqlite3_busy_timeout(h, busy_timeout_ms);
  sqlite3_extended_result_codes(h, 1);
  return std::unique_ptr<Db>(new Db(h));
}

Db::~Db() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  sqlite3_close(h_);
}

Status Db::Check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::OK();
  std::string msg = std::string(sqlite3_errmsg(h_)) + " (in: " + std::string(what.substr(0, 80)) + ")";
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corruption(msg);
  if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_BUSY ||
      primary == SQLITE_LOCKED || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY) {
    return Status::IOError(msg);
  }
  return Status::Internal(msg);
}

Status Db::Exec(const std::string& sql) {
  PG_RETURN_IF_ERROR(Fault(sql));
  return ExecRaw(sql);
}

Status Db::ExecRaw(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(h_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    Status st = Check(rc, sql);
    return st.ok() ? Status::Internal(msg) : st;
  }
  return Status::OK();
}

StatusOr<Stmt> Db::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(h_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                                nullptr);
    if (rc != SQLITE_OK) return Check(rc, sql);
    it = cache_.emplace(sql, s).first;
  }
  return Stmt(this, it->second, sql);
}

int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(h_); }

Transaction::~Transaction() {
  if (open_) db_->ExecRaw("ROLLBACK").ok();  // best effort: the caller already has the real error
}

Status Transaction::Begin() {
  PG_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  open_ = true;
  return Status::OK();
}

Status Transaction::Commit() {
  PG_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  open_ = false;
  return Status::OK();
}

}  // namespace pactgraph::graph
