// Every state-changing call against every role, on the real server: the
// roles that may make a change are never refused for their role (the call
// may still fail for another reason: a stale version, an unknown record);
// every other role is refused with PERMISSION_DENIED, and a caller without
// a token (the platform requires one here) with UNAUTHENTICATED. The
// expected matrix is written out below, not read from the server's table,
// so a change to who may do what has to change this test too.
#include "action_fixture.h"
#include "watchfloor/v1/incident.grpc.pb.h"

#include <QUuid>
#include <QtTest>
#include <functional>
#include <map>
#include <set>

using namespace wfsim;
using namespace wfsim::test;

namespace {

enum class Who { Viewer, Operator, Commander, Approver, NoToken };
const std::vector<Who> kEveryone{Who::Viewer, Who::Operator, Who::Commander, Who::Approver,
                                 Who::NoToken};

const char* name(Who w)
{
    switch (w) {
        case Who::Viewer: return "viewer";
        case Who::Operator: return "operator";
        case Who::Commander: return "incident commander";
        case Who::Approver: return "payments approver";
        case Who::NoToken: return "no token";
    }
    return "?";
}

std::string key()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
}

template <typename Request>
void fill(Request& r)
{
    r.mutable_context()->set_idempotency_key(key());
    r.mutable_context()->set_reason("role matrix test");
}

struct Call {
    const char* what;
    std::set<Who> allowed;
    std::function<grpc::Status(grpc::ClientContext&)> send;
};

}  // namespace

class TestRoleMatrix : public QObject {
    Q_OBJECT
private slots:
    void everyRoleAgainstEveryChange()
    {
        PlatformSettings settings = settingsFor("quiet-day", 1);
        settings.requireToken = true;
        ActionFixture sim(settings);
        auto incidents = v1::IncidentService::NewStub(sim.channel);
        const std::map<Who, std::string> tokens{
            {Who::Viewer, sim.token(v1::ROLE_VIEWER)},
            {Who::Operator, sim.token(v1::ROLE_OPERATOR)},
            {Who::Commander, sim.token(v1::ROLE_INCIDENT_COMMANDER)},
            {Who::Approver, sim.token(v1::ROLE_PAYMENTS_APPROVER)},
            {Who::NoToken, std::string()},
        };

        // Real records to act on.
        grpc::ClientContext c1;
        ActionFixture::prepare(c1, tokens.at(Who::Viewer));
        v1::ListDeploysRequest listDeploys;
        v1::ListDeploysResponse deploys;
        QVERIFY(sim.deploys->ListDeploys(&c1, listDeploys, &deploys).ok());
        QVERIFY(deploys.deploys_size() > 0);
        const v1::Deploy deploy = deploys.deploys(0);
        grpc::ClientContext c2;
        ActionFixture::prepare(c2, tokens.at(Who::Viewer));
        v1::ListFlagsRequest listFlags;
        v1::ListFlagsResponse flags;
        QVERIFY(sim.flags->ListFlags(&c2, listFlags, &flags).ok());
        std::string killSwitch, release;
        for (const v1::Flag& f : flags.flags()) {
            if (f.kind() == v1::FLAG_KIND_KILL_SWITCH && killSwitch.empty())
                killSwitch = f.key();
            if (f.kind() == v1::FLAG_KIND_RELEASE && release.empty())
                release = f.key();
        }
        QVERIFY(!killSwitch.empty() && !release.empty());
        grpc::ClientContext c3;
        ActionFixture::prepare(c3, tokens.at(Who::Viewer));
        v1::ListMismatchesRequest listMismatches;
        v1::ListMismatchesResponse mismatches;
        QVERIFY(sim.recon->ListMismatches(&c3, listMismatches, &mismatches).ok());
        QVERIFY(mismatches.mismatches_size() > 0);
        const std::string mismatch = mismatches.mismatches(0).id();
        const std::string incidentId =
            QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();

        const std::set<Who> writers{Who::Operator, Who::Commander};
        const std::vector<Call> calls{
            {"roll back a deploy", writers,
             [&](grpc::ClientContext& ctx) {
                 v1::RollbackDeployRequest r;
                 fill(r);
                 r.set_deploy_id(deploy.id());
                 r.set_expected_version(deploy.resource_version());
                 v1::RollbackDeployResponse out;
                 return sim.deploys->RollbackDeploy(&ctx, r, &out);
             }},
            {"switch a release flag", writers,
             [&](grpc::ClientContext& ctx) {
                 v1::SetFlagStateRequest r;
                 fill(r);
                 r.set_flag_key(release);
                 r.set_environment("production");
                 r.set_region("eu-west");
                 r.set_enabled(false);
                 v1::SetFlagStateResponse out;
                 return sim.flags->SetFlagState(&ctx, r, &out);
             }},
            {"flip a kill switch",
             {Who::Commander},
             [&](grpc::ClientContext& ctx) {
                 v1::SetFlagStateRequest r;
                 fill(r);
                 r.set_flag_key(killSwitch);
                 r.set_environment("production");
                 r.set_region("eu-west");
                 r.set_enabled(true);
                 v1::SetFlagStateResponse out;
                 return sim.flags->SetFlagState(&ctx, r, &out);
             }},
            {"fail a vendor over",
             {Who::Commander},
             [&](grpc::ClientContext& ctx) {
                 v1::FailoverRequest r;
                 fill(r);
                 r.set_category(v1::VENDOR_CATEGORY_PAYMENT_PROVIDER);
                 r.set_region("eu-west");
                 r.set_target_vendor_id("payments-brightpay");
                 v1::FailoverResponse out;
                 return sim.vendors->Failover(&ctx, r, &out);
             }},
            {"fail a vendor back",
             {Who::Commander},
             [&](grpc::ClientContext& ctx) {
                 v1::FailbackRequest r;
                 fill(r);
                 r.set_category(v1::VENDOR_CATEGORY_PAYMENT_PROVIDER);
                 r.set_region("eu-west");
                 v1::FailbackResponse out;
                 return sim.vendors->Failback(&ctx, r, &out);
             }},
            {"assign a mismatch",
             {Who::Operator, Who::Approver},
             [&](grpc::ClientContext& ctx) {
                 v1::AssignMismatchRequest r;
                 fill(r);
                 r.set_mismatch_id(mismatch);
                 r.set_assignee("lee");
                 v1::AssignMismatchResponse out;
                 return sim.recon->AssignMismatch(&ctx, r, &out);
             }},
            {"resolve a mismatch",
             {Who::Operator, Who::Approver},
             [&](grpc::ClientContext& ctx) {
                 v1::ResolveMismatchRequest r;
                 fill(r);
                 r.set_mismatch_id(mismatch);
                 r.set_action(v1::RESOLUTION_ACTION_ESCALATE_TO_PROVIDER);
                 r.set_note("role matrix");
                 v1::ResolveMismatchResponse out;
                 return sim.recon->ResolveMismatch(&ctx, r, &out);
             }},
            {"decide an approval",
             {Who::Approver},
             [&](grpc::ClientContext& ctx) {
                 v1::DecideApprovalRequest r;
                 fill(r);
                 r.set_approval_id("apr-unknown");
                 r.set_approve(true);
                 v1::DecideApprovalResponse out;
                 return sim.recon->DecideApproval(&ctx, r, &out);
             }},
            {"declare an incident", writers,
             [&](grpc::ClientContext& ctx) {
                 v1::DeclareIncidentRequest r;
                 fill(r);
                 r.mutable_incident()->set_id(incidentId);
                 r.mutable_incident()->set_title("Role matrix");
                 r.mutable_incident()->set_severity(v1::INCIDENT_SEVERITY_SEV3);
                 v1::DeclareIncidentResponse out;
                 return incidents->DeclareIncident(&ctx, r, &out);
             }},
            {"write on an incident's timeline", writers,
             [&](grpc::ClientContext& ctx) {
                 v1::AppendTimelineEntriesRequest r;
                 fill(r);
                 r.set_incident_id(incidentId);
                 v1::TimelineEntry* e = r.add_entries();
                 e->set_id(key());
                 e->set_kind(v1::TIMELINE_ENTRY_KIND_NOTE);
                 e->set_text("a note");
                 e->mutable_at()->set_seconds(kStart);
                 v1::AppendTimelineEntriesResponse out;
                 return incidents->AppendTimelineEntries(&ctx, r, &out);
             }},
            {"save a postmortem section", writers,
             [&](grpc::ClientContext& ctx) {
                 v1::SavePostmortemSectionRequest r;
                 fill(r);
                 r.set_incident_id(incidentId);
                 r.set_section_key("summary");
                 r.set_text(key());
                 v1::SavePostmortemSectionResponse out;
                 return incidents->SavePostmortemSection(&ctx, r, &out);
             }},
        };

        // The commander declares the incident first, so the other incident
        // calls find it whoever makes them.
        std::vector<Who> order{Who::Commander, Who::Viewer, Who::Operator, Who::Approver,
                               Who::NoToken};
        int checked = 0;
        for (const Call& call : calls) {
            for (Who who : order) {
                grpc::ClientContext ctx;
                ActionFixture::prepare(ctx, tokens.at(who));
                const grpc::Status status = call.send(ctx);
                const QByteArray where = QByteArray(call.what) + " as " + name(who) + ": " +
                                         QByteArray::number(int(status.error_code())) + " " +
                                         QByteArray::fromStdString(status.error_message());
                if (who == Who::NoToken)
                    QVERIFY2(status.error_code() == grpc::StatusCode::UNAUTHENTICATED,
                             where.constData());
                else if (call.allowed.count(who))
                    QVERIFY2(status.error_code() != grpc::StatusCode::PERMISSION_DENIED &&
                                 status.error_code() != grpc::StatusCode::UNAUTHENTICATED,
                             where.constData());
                else
                    QVERIFY2(status.error_code() == grpc::StatusCode::PERMISSION_DENIED,
                             where.constData());
                // A refusal says why in words, naming what was refused.
                if (status.error_code() == grpc::StatusCode::PERMISSION_DENIED)
                    QVERIFY2(!status.error_message().empty(), where.constData());
                ++checked;
            }
        }
        QCOMPARE(checked, int(calls.size() * kEveryone.size()));
    }
};

QTEST_GUILESS_MAIN(TestRoleMatrix)
#include "tst_role_matrix.moc"
