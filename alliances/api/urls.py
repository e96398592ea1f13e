from . import errors
from .alliance import router as alliance_router
from .auth import AUTH
from .docs import DOCS
from .households import router as households_router
from .inputs import reject_nul_characters
from .meetings import router as meetings_router
from .openapi import AlliancesAPI
from .peers import router as peers_router
from .persons import router as persons_router
from .rights import router as rights_router

api = AlliancesAPI(
    title="Alliances API",
    version="1",
    description="API d'Alliances. Mêmes règles d'accès et même journal que le site.",
    auth=AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=DOCS,
)
errors.install(api)
api.add_decorator(reject_nul_characters)
api.add_router("/", persons_router)
api.add_router("/", households_router)
api.add_router("/", rights_router)
api.add_router("/", alliance_router)
api.add_router("/", meetings_router)
api.add_router("/", peers_router)
