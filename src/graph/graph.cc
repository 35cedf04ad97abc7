// The graph store lands with issue 5.
namespace pactgraph {}
