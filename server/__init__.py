"""工友法援: the JSON API and the PWA it serves."""
from pathlib import Path

from flask import Flask

from . import errors, inputs, metrics, public_reads, security
from .config import Config, settle
from .db import bind_pragmas, end_sessions_safely
from .extensions import api, db, jwt, migrate


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.from_mapping(Config().as_dict())
    if config:
        app.config.from_mapping(config)
    settle(app.config)
    metrics.init_app(app)  # first: its after-request handler runs last, on the answer as it leaves
    inputs.init_app(app)

    db.init_app(app)
    end_sessions_safely(app, db)
    with app.app_context():
        for engine in db.engines.values():
            bind_pragmas(engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True)
    api.init_app(app)
    jwt.init_app(app)
    errors.register(app)
    public_reads.init_app(app)
    security.init_app(app)

    from .accounts.audit_routes import blp as audit_labels_blp
    from .accounts.office_routes import blp as offices_blp
    from .accounts.routes import blp as accounts_blp
    from .aid.cases import desk_routes  # noqa: F401  (the call and the notes join cases_blp)
    from .aid.cases import hearing_routes  # noqa: F401  (the hearings and 我的日程 join cases_blp)  # isort: skip
    from .aid.cases import particular_routes  # noqa: F401  (a case's particulars join cases_blp)  # isort: skip
    from .aid.cases.document_routes import blp as aid_documents_blp
    from .aid.cases.file_routes import blp as case_files_blp
    from .aid.cases.routes import blp as cases_blp
    from .aid.inbox import routes as inbox_routes  # noqa: F401  (the inbox's routes join cases_blp)
    from .aid.intake.routes import blp as aid_blp
    from .aid.tracking import routes as tracking_routes  # noqa: F401  (the worker's join aid_blp and cases_blp)
    from .api_docs import bp as api_docs_bp
    from .cards.routes import blp as cards_blp
    from .daylogs.routes import blp as daylogs_blp
    from .events.office_routes import blp as office_events_blp
    from .events.routes import blp as events_blp
    from .health import bp as health_bp
    from .media.audio_routes import blp as audio_blp
    from .media.routes import blp as media_blp
    from .office.job_routes import blp as jobs_blp
    from .office.routes import blp as office_blp
    from .questions import office_routes  # noqa: F401  (the answerers' routes join questions_blp)
    from .questions.routes import blp as questions_blp
    from .sites.page import bp as site_page_bp
    from .sites.routes import blp as sites_blp
    from .stats.routes import blp as stats_blp
    from .sync.routes import blp as sync_blp
    from .web import bp as web_bp

    api.register_blueprint(cards_blp)
    api.register_blueprint(accounts_blp)
    api.register_blueprint(audit_labels_blp)
    api.register_blueprint(offices_blp)
    api.register_blueprint(events_blp)
    api.register_blueprint(office_events_blp)
    api.register_blueprint(sync_blp)
    api.register_blueprint(aid_blp)
    api.register_blueprint(cases_blp)
    api.register_blueprint(aid_documents_blp)
    api.register_blueprint(case_files_blp)
    api.register_blueprint(media_blp)
    api.register_blueprint(audio_blp)
    api.register_blueprint(office_blp)
    api.register_blueprint(jobs_blp)
    api.register_blueprint(stats_blp)
    api.register_blueprint(sites_blp)
    api.register_blueprint(daylogs_blp)
    api.register_blueprint(questions_blp)
    app.register_blueprint(health_bp)
    app.register_blueprint(api_docs_bp)
    app.register_blueprint(site_page_bp)
    app.register_blueprint(web_bp)

    from .aid.cases.hooks import register as register_aid_hooks
    from .events.offline import register_operations as register_event_operations
    from .events.prize import register_operations as register_prize_operations
    from .media.audio_service import register_jobs as register_audio_jobs
    from .questions.links import register as register_question_links
    from .sites.links import register as register_site_links
    register_event_operations()
    register_prize_operations()  # the quiz prize: one more operation of the check-in page, on the same attendees
    register_site_links()
    register_audio_jobs()  # voice clips are converted off the request when a queue runs
    register_aid_hooks()
    register_question_links()

    from .cli import register as register_cli
    register_cli(app)
    return app
