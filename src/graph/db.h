// A thin SQLite wrapper: prepared statements cached per SQL text, errors as
// Status, and a fault hook so tests can make any statement fail.
#ifndef PACTGRAPH_GRAPH_DB_H_
#define PACTGRAPH_GRAPH_DB_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "pactgraph/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pactgraph::graph {

// Called before every statement runs; a non-OK Status makes it fail as if
// SQLite had (used by fault-injection tests).
using FaultHook = std::function<Status(std::string_view sql)>;

class Db;

// A prepared statement in use; resets itself when it goes out of scope.
class Stmt {
 public:
  Stmt(Db* db, sqlite3_stmt* s, std::string_view sql) : db_(db), s_(s), sql_(sql) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), sql_(o.sql_) { o.s_ = nullptr; }
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, double v);
  Stmt& Bind(int i, std::string_view v);  // empty binds NULL when null_if_empty
  Stmt& BindText(int i, std::string_view v);  // empty stays ''
  Stmt& BindNull(int i);
  // One step: true when a row is ready, false when done.
  StatusOr<bool> Step();
  // Runs to completion (for writes).
  Status Run();

  int64_t Int(int col) const;
  double Real(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  Db* db_;
  sqlite3_stmt* s_;
  std::string_view sql_;
};

class Db {
 public:
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path, bool read_only, int busy_timeout_ms);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(const std::string& sql);
  // Exec without the fault hook (for ROLLBACK after an injected fault).
  Status ExecRaw(const std::string& sql);
  // The cached statement for `sql` (which must outlive the Db: use literals).
  StatusOr<Stmt> Prepare(std::string_view sql);
  int64_t LastInsertId() const;
  void set_fault_hook(FaultHook hook) { fault_hook_ = std::move(hook); }

  // Internal to Stmt.
  Status Check(int rc, std::string_view what) const;
  Status Fault(std::string_view sql) const { return fault_hook_ ? fault_hook_(sql) : Status::OK(); }

 private:
  explicit Db(sqlite3* h) : h_(h) {}
  sqlite3* h_;
  std::unordered_map<std::string_view, sqlite3_stmt*> cache_;
  FaultHook fault_hook_;
};

// BEGIN IMMEDIATE ... COMMIT; rolls back unless Commit() succeeded.
class Transaction {
 public:
  explicit Transaction(Db* db) : db_(db) {}
  ~Transaction();
  Status Begin();
  Status Commit();

 private:
  Db* db_;
  bool open_ = false;
};

}  // namespace pactgraph::graph

#endif  // PACTGRAPH_GRAPH_DB_H_
