"""What views tell a person when a service refuses: the sentences of a ValidationError (or
PermissionDenied), one per message."""


def error_messages(error):
    return error.messages if hasattr(error, "messages") else [str(error)]
