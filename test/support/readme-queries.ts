/** What the README's journey query asks of a participant, for the tests that send it as a user would. */
export const JOURNEY_SELECTION = `id givenName familyName birthYear gender residenceStatus enteredOn exitedOn exitReason
    municipality { name bank provider { name } }
    consents { scope active grantedOn withdrawnOn }
    referrals {
      id module status referredOn startedOn endedOn
      provider { id name }
      case {
        __typename
        coachingSessions { heldOn durationMinutes topic }
        enrolments { status enrolledOn completedOn course { title kind } }
        certificates { kind title level result issuedOn }
        internships { employer occupation startsOn endsOn }
      }
    }
    placements { kind office employerName occupation { kldbCode title } startsOn endsOn }`;

/** What the README's cohort query asks of each participant on a page. */
export const COHORT_SELECTION = `id birthYear municipality { id }
      referrals { module provider { id } case { certificates { kind level result } internships { employer } } }
      placements { kind startsOn }`;

/** The README's first write: a registration every rule accepts; tests vary one field of it. */
export const ELIGIBLE_REGISTRATION = {
  givenName: 'Hostil',
  familyName: 'Probe',
  birthDate: '2001-04-12',
  gender: 'FEMALE',
  residenceStatus: 'GESTATTUNG',
  municipalityId: 'wesel',
  enteredOn: '2022-09-01',
};
