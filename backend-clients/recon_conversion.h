#pragma once

// Reconciliation messages into console values, and the console's filter into
// a request. Everything from the wire is checked here: unknown types and
// statuses stay unknown, amounts with an unknown currency or out of range
// are kept but marked (`problem`), text is capped, invalid UTF-8 is replaced.

#include "recon_types.h"

namespace watchfloor::v1 {
class Mismatch;
class MismatchDetail;
class MismatchFilter;
class Approval;
class SummarizeMismatchesResponse;
class Money;
}  // namespace watchfloor::v1

namespace wf {

// Longest text kept from a field (longer is cut, with an ellipsis).
constexpr int kMaxIdLength = 128;
constexpr int kMaxSummaryLength = 500;
constexpr int kMaxNoteLength = 4000;
// Larger amounts (in minor units) are treated as corrupt: 10^15, i.e. ten
// trillion dollars.
constexpr qint64 kMaxSaneMinor = 1'000'000'000'000'000LL;

Money toMoney(const watchfloor::v1::Money& m);
// Why this amount cannot be trusted, or "" ("negative" only when it must be positive).
QString moneyProblem(const Money& m, bool mustBePositive);
Mismatch toMismatch(const watchfloor::v1::Mismatch& m);
MismatchDetail toMismatchDetail(const watchfloor::v1::MismatchDetail& d);
Approval toApproval(const watchfloor::v1::Approval& a);
MismatchSummary toSummary(const watchfloor::v1::SummarizeMismatchesResponse& r);
void fillFilter(const MismatchFilter& f, watchfloor::v1::MismatchFilter* out);
int toProtoSort(MismatchSort s);
int toProtoAction(ResolutionAction a);
ResolutionAction toResolutionAction(int protoAction);
MismatchType toMismatchType(int protoType);
int toProtoType(MismatchType t);
MismatchStatus toMismatchStatus(int protoStatus);
int toProtoStatus(MismatchStatus s);

}  // namespace wf
