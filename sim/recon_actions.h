#pragma once

// What may be done about a mismatch, and what doing it changes.
//
// While OPEN or ESCALATED (never while PENDING_APPROVAL, RESOLVED or
// WRITTEN_OFF), by type:
//   captured without order    CREATE_ORDER_RECORD, REFUND, MARK_MATCHED, ESCALATE
//   order without capture     RETRY_CAPTURE, VOID_AUTHORIZATION, MARK_MATCHED, WRITE_OFF, ESCALATE
//   amount, captured less     RETRY_CAPTURE (the rest), MARK_MATCHED, WRITE_OFF, ESCALATE
//   amount, captured more     REFUND (the excess), MARK_MATCHED, ESCALATE
//   duplicate capture         REFUND, MARK_MATCHED, ESCALATE
//   currency, refund not settled, fee discrepancy, chargeback without order:
//                             MARK_MATCHED, WRITE_OFF, ESCALATE
//   settled without capture   MARK_MATCHED, ESCALATE
// (ESCALATE_TO_PROVIDER not while ESCALATED.)
//
// Effects: RETRY_CAPTURE adds a succeeded capture of what the order still
// lacks, VOID_AUTHORIZATION a void of the authorization, REFUND a refund
// (default: the mismatch amount; positive, in its currency, at most the
// captured amount net of refunds); CREATE_ORDER_RECORD creates the order
// (the captured amount, now); all these and MARK_MATCHED (needs a note)
// resolve the mismatch; WRITE_OFF (needs a note) writes the mismatch amount
// off; ESCALATE_TO_PROVIDER makes it ESCALATED. RETRY_CAPTURE, REFUND and
// WRITE_OFF move money.

#include "recon_detail.h"
#include "recon_generator.h"
#include "recon_row.h"
#include "watchfloor/v1/reconciliation.pb.h"

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

namespace wfsim {

class ReconActions {
public:
    using Action = watchfloor::v1::ResolutionAction;

    // In enum order.
    static std::vector<Action> applicable(const ReconRow& row, const ReconFacts& facts);
    static bool movesMoney(Action action);
    static bool needsNote(Action action);
    // "retry-capture", "write-off", ...
    static std::string slug(Action action);
    // "REFUND, MARK_MATCHED" (without the RESOLUTION_ACTION_ prefix).
    static std::string names(const std::vector<Action>& actions);

    // The amount a money-moving action moves, with the request's REFUND
    // amount checked against `detail` (INVALID_ARGUMENT: INVALID_AMOUNT,
    // WRONG_CURRENCY, AMOUNT_ABOVE_CAPTURED).
    static grpc::Status amountOf(const watchfloor::v1::ResolveMismatchRequest& request,
                                 const ReconRow& row, const watchfloor::v1::MismatchDetail& detail,
                                 watchfloor::v1::Money* amount);

    // Changes the row's status (and order) and adds to its extras what the
    // action did, at `nowMs`. `amount` as amountOf said (money-moving only).
    static void apply(Action action, const ReconGenerator& generator, uint32_t index,
                      const ReconFacts& facts, const watchfloor::v1::MismatchDetail& detail,
                      const watchfloor::v1::Money& amount, int64_t nowMs, ReconRow* row,
                      ReconExtras* extras);
};

}  // namespace wfsim
