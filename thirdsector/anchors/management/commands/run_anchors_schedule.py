"""The anchors app's daily schedule, for cron: `manage.py run_anchors_schedule [--today YYYY-MM-DD]`."""

from thirdsector.core.schedules import schedule_command

from ...tasks import DAILY_STEPS, run_daily_schedule

Command = schedule_command("the anchors app's", DAILY_STEPS, run_daily_schedule)
