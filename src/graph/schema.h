// The store's schema: ordered migrations, each applied once in its own
// transaction; schema_version records how far a file has been migrated.
#ifndef PACTGRAPH_GRAPH_SCHEMA_H_
#define PACTGRAPH_GRAPH_SCHEMA_H_

#include "graph/db.h"

namespace pactgraph::graph {

// The schema version this build writes.
int CurrentSchemaVersion();

// Brings the database up to CurrentSchemaVersion(); refuses (Unsupported) a
// file from a newer build.
Status Migrate(Db* db);

// Checks (without writing) that a database opened read-only is usable.
Status CheckVersion(Db* db);

}  // namespace pactgraph::graph

#endif  // PACTGRAPH_GRAPH_SCHEMA_H_
