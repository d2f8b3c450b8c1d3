"""A small catalog of our own for the tests of pages and code, so that they say what the
code does whatever seeds/ holds; the seeds keep their own content tests (tests/guide:
test_loading.py, test_seeds.py, test_fitcheck_people.py). Made by the `view_catalog`
fixture (tests/conftest.py), which empties the seeded catalog first.

What it holds, by slug:
- roles: empirical-lead, empirical-contributor, theory-lead, theory-contributor, professor;
- milestones, in order: write-python → keep-coding → study-ml → apply-phd (December
  window) → do-phd (4–6 years, full time) → get-faculty-job; study-ml → get-engineering-job;
  learn-safety (our estimate, no figure in the guide);
- routes: engineer-route (empirical-contributor), phd-route (empirical-lead),
  professor-route (professor);
- organisations (5): lab-a (industry lab, empirical), nonprofit-b (nonprofit, both),
  theory-c (theory group, theoretical), uni-d (academia, empirical), uni-e (academia,
  both); openings (3): bootcamp-x and bootcamp-y (bootcamps), internship-z;
- fit questions (4), each answer with its points: ambition (build: engineer-route 2;
  teach: professor-route 2), phd-wish (keen: phd-route 2, professor-route 2; rather-not:
  engineer-route 2), proofs (solid: phd-route 1, professor-route 1; rusty: engineer-route
  1), programming (love: engineer-route 2; fine: phd-route 1). So teach, keen and solid
  suggest professor-route (5) with phd-route (3) as runner-up, and one question is left.

`roles`, `organisations` and `questions` list them in the order the pages show them."""

from types import SimpleNamespace


def build() -> SimpleNamespace:
    from careerplanner.guide.models import (
        Fact,
        FitChoice,
        FitQuestion,
        FitTest,
        Milestone,
        Opportunity,
        Organisation,
        Resource,
        Role,
        RouteStep,
        RouteTemplate,
        Section,
        Skill,
        Window,
    )

    overview = Section.objects.create(slug="overview", title="What the work involves")
    phd_section = Section.objects.create(slug="phd", title="On doing a PhD", position=1)
    made = SimpleNamespace(overview=overview, phd_section=phd_section)
    counter = iter(range(1000))

    def common(**fields):
        position = next(counter)
        return {
            "source": overview,
            "summary": f"Summary {position}.",
            "position": position,
        } | fields

    def role(slug, name, track, level, phd="helpful"):
        return Role.objects.create(
            slug=slug,
            name=name,
            track=track,
            level=level,
            work=f"What a {name.lower()} does.",
            phd=phd,
            phd_note=f"Whether a {name.lower()} needs a PhD.",
            where=f"Where a {name.lower()} works.",
            **common(summary=f"In short: {name.lower()}."),
        )

    made.empirical_lead = role("empirical-lead", "Empirical research lead", "empirical", "lead")
    made.empirical_contributor = role(
        "empirical-contributor", "Empirical research contributor", "empirical", "contributor"
    )
    made.theory_lead = role("theory-lead", "Theoretical research lead", "theoretical", "lead")
    made.theory_contributor = role(
        "theory-contributor", "Theoretical research contributor", "theoretical", "contributor"
    )
    made.professor = role("professor", "Professor", "academic", "academic", phd="required")
    made.roles = [
        made.empirical_lead,
        made.empirical_contributor,
        made.theory_lead,
        made.theory_contributor,
        made.professor,
    ]
    empirical = [made.empirical_lead, made.empirical_contributor]

    made.python = Skill.objects.create(slug="python", name="Python", **common())
    made.python.roles.set(empirical)
    made.maths = Skill.objects.create(slug="maths", name="Mathematics", **common())
    made.maths.roles.set(Role.objects.all())

    made.course = Resource.objects.create(
        slug="course-a",
        title="A course on ML",
        kind="course",
        url="https://example.org/c/",
        **common(),
    )
    made.book = Resource.objects.create(
        slug="book-b",
        title="A book on ML",
        kind="book",
        length="about 30 hours, by its preface",
        named_by="https://www.example.net/reading-list",
        **common(),
    )
    made.window = Window.objects.create(
        slug="phd-applications",
        name="PhD applications",
        anchor="due",
        dates="12-10",
        opens_month=9,
        estimate="most programmes' deadlines",
    )

    def milestone(slug, title, stage="skills", kind="learn", needs=(), **size):
        item = Milestone.objects.create(
            slug=slug,
            title=title,
            stage=stage,
            kind=kind,
            why=f"Why {title.lower()}.",
            done_when=f"Done when {title.lower()} is done.",
            **common(summary=f"What {title.lower()} means."),
            **size,
        )
        item.prerequisites.set(needs)
        return item

    made.write_python = milestone(
        "write-python",
        "Write a first program",
        "foundations",
        size_section=overview,
        effort_hours_low=1,
        effort_hours_high=1,
    )
    made.keep_coding = milestone(
        "keep-coding",
        "Keep coding",
        "foundations",
        needs=[made.write_python],
        effort_hours_low=50,
        effort_hours_high=100,
        size_estimate="a term of evening classes",
    )
    made.study_ml = milestone(
        "study-ml",
        "Study machine learning",
        needs=[made.keep_coding],
        effort_hours_low=100,
        effort_hours_high=200,
        size_estimate="two courses",
    )
    made.study_ml.skills.set([made.python])
    made.study_ml.resources.set([made.course, made.book])
    made.study_ml.roles.set(empirical)
    made.apply_phd = milestone(
        "apply-phd",
        "Apply to PhD programmes",
        "career-capital",
        "apply",
        needs=[made.study_ml],
        window=made.window,
        effort_hours_low=40,
        effort_hours_high=80,
        size_estimate="a month of applications",
    )
    made.do_phd = milestone(
        "do-phd",
        "Complete a PhD",
        "career-capital",
        "build",
        needs=[made.apply_phd],
        degree="phd",
        duration_low=4,
        duration_high=6,
        duration_unit="years",
        full_time=True,
        size_section=phd_section,
    )
    made.faculty_job = milestone(
        "get-faculty-job",
        "Get a faculty job",
        "getting-the-role",
        "apply",
        needs=[made.do_phd],
        duration_low=1,
        duration_high=2,
        duration_unit="years",
        size_estimate="one or two hiring rounds",
    )
    made.engineering_job = milestone(
        "get-engineering-job",
        "Get an engineering job",
        "getting-the-role",
        "apply",
        needs=[made.study_ml],
        duration_low=2,
        duration_high=6,
        duration_unit="months",
        size_estimate="a hiring process",
    )
    made.learn_safety = milestone(
        "learn-safety",
        "Learn about AI safety",
        size_estimate="reading lists; the guide gives no figure",
        effort_hours_low=20,
        effort_hours_high=40,
    )

    def route(slug, title, role_, steps):
        item = RouteTemplate.objects.create(
            slug=slug, title=title, role=role_, way_in=f"by {title.lower()}", **common()
        )
        RouteStep.objects.bulk_create(
            RouteStep(route=item, milestone=step, position=n) for n, step in enumerate(steps)
        )
        return item

    start = [made.write_python, made.keep_coding, made.study_ml]
    made.engineer_route = route(
        "engineer-route",
        "Engineer route",
        made.empirical_contributor,
        [*start, made.engineering_job],
    )
    made.phd_route = route(
        "phd-route", "PhD route", made.empirical_lead, [*start, made.apply_phd, made.do_phd]
    )
    made.professor_route = route(
        "professor-route",
        "Professor route",
        made.professor,
        [*start, made.apply_phd, made.do_phd, made.faculty_job],
    )

    made.replication = FitTest.objects.create(
        slug="try-a-replication", title="Try a replication", milestone=made.study_ml, **common()
    )
    made.replication.roles.set(empirical)
    made.theorem = FitTest.objects.create(
        slug="prove-a-theorem", title="Prove a theorem", **common()
    )
    made.theorem.roles.set([made.theory_lead, made.theory_contributor])

    def organisation(slug, name, kind, focus):
        return Organisation.objects.create(slug=slug, name=name, kind=kind, focus=focus, **common())

    made.lab = organisation("lab-a", "Lab A", "industry-lab", "empirical")
    made.nonprofit = organisation("nonprofit-b", "Nonprofit B", "nonprofit", "both")
    made.theory_group = organisation("theory-c", "Theory group C", "theory-group", "theoretical")
    made.empirical_university = organisation("uni-d", "University D", "academia", "empirical")
    made.university = organisation("uni-e", "University E", "academia", "both")
    made.organisations = [
        made.lab,
        made.nonprofit,
        made.theory_group,
        made.empirical_university,
        made.university,
    ]

    def opening(slug, name, kind, organisation_):
        item = Opportunity.objects.create(
            slug=slug, name=name, kind=kind, organisation=organisation_, **common()
        )
        item.roles.set(empirical)
        return item

    made.bootcamp = opening("bootcamp-x", "Bootcamp X", "bootcamp", made.nonprofit)
    made.other_bootcamp = opening("bootcamp-y", "Bootcamp Y", "bootcamp", None)
    made.internship = opening("internship-z", "Internship Z", "internship", made.lab)

    made.phd_length = Fact.objects.create(
        slug="phd-length", title="How long a PhD takes", value="4–6 years", as_of=2023, **common()
    )
    made.phd_length.roles.set([made.empirical_lead, made.professor])

    made.ambition = FitQuestion.objects.create(
        slug="ambition", text="What would you most like to do?", source=overview, position=0
    )
    for position, (value, route_) in enumerate(
        [("build", made.engineer_route), ("teach", made.professor_route)]
    ):
        FitChoice.objects.create(
            question=made.ambition,
            value=value,
            label=value.capitalize(),
            reason=f"You would like to {value}.",
            points={route_.slug: 2},
            position=position,
        )

    def question(slug, text, position, choices):
        item = FitQuestion.objects.create(slug=slug, text=text, source=overview, position=position)
        for n, (value, label, points) in enumerate(choices):
            FitChoice.objects.create(
                question=item,
                value=value,
                label=label,
                reason=f"{text} {label}.",
                points=points,
                position=n,
            )
        return item

    made.phd_wish = question(
        "phd-wish",
        "How do you feel about doing a PhD?",
        1,
        [
            ("keen", "Keen", {"phd-route": 2, "professor-route": 2}),
            ("rather-not", "I would rather not", {"engineer-route": 2}),
        ],
    )
    made.proofs = question(
        "proofs",
        "How are you with proofs?",
        2,
        [
            ("solid", "Solid", {"phd-route": 1, "professor-route": 1}),
            ("rusty", "Rusty", {"engineer-route": 1}),
        ],
    )
    made.programming = question(
        "programming",
        "Do you enjoy programming?",
        3,
        [
            ("love", "I love it", {"engineer-route": 2}),
            ("fine", "It is fine", {"phd-route": 1}),
        ],
    )
    made.questions = [made.ambition, made.phd_wish, made.proofs, made.programming]
    return made
