from jobs.tasks import job_task
from tests.jobs.chores import chore_run
from tests.jobs.models import Chore


@job_task(Chore, max_retries=2)
def chore_run_task(chore_id: int) -> None:
    chore_run(chore_id=chore_id)
