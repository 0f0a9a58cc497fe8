"""The live workshop board (issue 3), Qt-free: card and cluster operations on the database."""
from .entry_syntax import ParsedEntry, parse_entry
from .service import BoardService
from .state import (BoardSnapshot, BudgetStatus, CardChange, CardState, ClusterChange, ClusterState,
                    DiscoveryProposal, MoveResult, RankedItem, RegroupResult, VoteBudget, VoteSnapshot)

__all__ = ["BoardService", "BoardSnapshot", "BudgetStatus", "CardChange", "CardState", "ClusterChange",
           "ClusterState", "DiscoveryProposal", "MoveResult", "ParsedEntry", "RankedItem", "RegroupResult",
           "VoteBudget", "VoteSnapshot", "parse_entry"]
