#include "session_service.h"

#include "proto_time.h"
#include "role_permissions.h"

namespace wfsim {

namespace v1 = watchfloor::v1;

grpc::Status SessionService::WhoAmI(grpc::ServerContext* context,
                                    const v1::WhoAmIRequest* /*request*/,
                                    v1::WhoAmIResponse* response)
{
    Caller caller;
    const grpc::Status status = platform_.access().authenticate(context, &caller);
    if (!status.ok())
        return status;
    response->set_actor(caller.actor);
    response->set_role(caller.role);
    for (const std::string& permission : RolePermissions::of(caller.role))
        response->add_permissions(permission);
    proto_time::setMs(response->mutable_platform_time(), platform_.clock().nowMs());
    return grpc::Status::OK;
}

}  // namespace wfsim
